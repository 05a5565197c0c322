"""Reading drafts and sources: Markdown and plain text into sentences that keep their exact positions."""
