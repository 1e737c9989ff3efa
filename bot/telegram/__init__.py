"""The Telegram front-end."""
