"""allauth's forms in the site's words: sentence case, "e-mail", and no placeholder repeating the label.

Only the words change (settings.ACCOUNT_FORMS): allauth's own classes still do all the checking,
so sign-in, sign-up and password reset keep answering the same for known and unknown addresses.
"""

from allauth.account import forms

LABELS = {
    "login": "E-mail address",
    "email": "E-mail address",
    "password": "Password",
    "remember": "Keep me signed in on this device",
    "password1": "Password",
    "password2": "Password again",
    "oldpassword": "Your current password",
}
NEW_PASSWORD = {"password1": "New password", "password2": "New password again"}
HINTS = {
    "password2": "Type the same password again, so we know it is right.",
    "remember": "Leave this unticked on a shared or borrowed computer.",
}
# Django's validators explain themselves as an HTML list, which cannot sit in a hint paragraph;
# the same rules, in one plain sentence (the validators still check them, with their own messages).
HOW_TO_CHOOSE = (
    "At least 8 characters, not all numbers, not a common password and not like your e-mail address. "
    "A short sentence is easy to remember."
)


class SiteWords:
    labels = LABELS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if name in self.labels:
                field.label = self.labels[name]
            if name in HINTS and not field.help_text:
                field.help_text = HINTS[name]
            if name == "password1":
                field.help_text = HOW_TO_CHOOSE
            field.widget.attrs.pop("placeholder", None)


class LoginForm(SiteWords, forms.LoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # allauth puts a "Forgot your password?" link here; the page offers it under the form.
        self.fields["password"].help_text = ""


class SignupForm(SiteWords, forms.SignupForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The age question and the terms come last, just above the button (accounts/forms.py).
        self.order_fields(["email", "display_name", "password1", "password2", "age", "agree_to_terms"])


class ResetPasswordForm(SiteWords, forms.ResetPasswordForm):
    pass


class ResetPasswordKeyForm(SiteWords, forms.ResetPasswordKeyForm):
    labels = {**LABELS, **NEW_PASSWORD}


class ChangePasswordForm(SiteWords, forms.ChangePasswordForm):
    labels = {**LABELS, **NEW_PASSWORD}


class SetPasswordForm(SiteWords, forms.SetPasswordForm):
    labels = {**LABELS, **NEW_PASSWORD}


class ReauthenticateForm(SiteWords, forms.ReauthenticateForm):
    pass


class AddEmailForm(SiteWords, forms.AddEmailForm):
    labels = {**LABELS, "email": "New e-mail address"}
