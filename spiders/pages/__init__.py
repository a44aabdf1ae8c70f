"""Page parsers: pure functions from (url, body, content type) to typed records."""
