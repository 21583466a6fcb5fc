"""Who may do what: accounts, passwords, sign-in throttling and the acting identity."""
