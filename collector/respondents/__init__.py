"""Respondent links: a campaign's form for anyone with the link or its QR code, and nothing else."""
