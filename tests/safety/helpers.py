from articles.demo.loader import read_demo_data
from moderation.safety import is_flagged, triage


def demo_triage(text):
    """`text` triaged as a comment on the demo article, "Massage for Knee Pain"."""
    article = read_demo_data()["article"]
    return triage(text, title=article["title"], raw_body=article["body"])


def flagged(text):
    return is_flagged(demo_triage(text))


def contexts(text):
    """The context decision of each red-flag concept `text` raises, read without an article."""
    return {signal["concept"]: signal["context"] for signal in triage(text) if signal["name"] == "red_flag"}
