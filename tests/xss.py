"""Hostile report text used by the escaping tests: each one sets ``window.__xss`` if it ever runs."""

PAYLOADS = [
    "<script>window.__xss=1</script>",
    '<img src=x onerror="window.__xss=1">',
    '"><svg onload=window.__xss=1>',
    "</script><script>window.__xss=1</script>",
    "javascript:window.__xss=1",
]
