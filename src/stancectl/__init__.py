"""stancectl: who said what about an issue, where and when, according to whom."""
