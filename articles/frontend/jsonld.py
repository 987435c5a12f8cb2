"""
schema.org JSON-LD for an article, for the frontend's `<script type="application/ld+json">`.

The article is a `MedicalWebPage` `about` the conditions it covers. The causes block's items
(`MedicalCause`), the recommended techniques (`MedicalTherapy`) and the contraindications block's
items (`MedicalContraindication`) are each written once, under `mentions`, with an `@id` in the
page's address; each `MedicalCondition` refers to its causes (`cause`, never the condition itself)
and treatments (`possibleTreatment`), and each therapy to its `contraindication`s, by `@id`, so an
article about several conditions does not repeat them all under each. Evidence blocks become
`citation`s, each with an `@id` from its citation key (`#evidence-perlman2006`); the benefits are
claims, `hasPart` of the page (`WebPageElement`) citing those studies by `@id`. The author and the
medical reviewer are `author` and `reviewedBy`. Empty properties are left out rather than sent as
null.
"""

from datetime import datetime

from django.utils import timezone

from ..conf import articles_settings
from ..governance import claims

CONTEXT = "https://schema.org"


def article_json_ld(article, *, body, url, tags, conditions, credentials, image_url=None):
    """
    The JSON-LD object of `article`, whose `body` is its StreamValue and `url` its address;
    `tags` and `conditions` are its own (articles.frontend.representation.ArticleSet gives them,
    with `credentials(person)`, a person's AuthorCredentials, fetched with the rest of a response).
    """
    blocks = _blocks_by_type(body)
    contraindications = [
        _contraindication(item, f"{url}#contraindication-{number}")
        for number, item in enumerate(_items(blocks["contraindications"]), 1)
    ]
    techniques = {
        item["technique"].pk: item["technique"] for item in _items(blocks["techniques"]) if item["technique"]
    }
    therapies = [
        _therapy(technique, f"{url}#therapy-{technique.slug}", contraindications)
        for technique in techniques.values()
    ]
    causes = [
        _cause(item, f"{url}#cause-{number}") for number, item in enumerate(_items(blocks["causes"]), 1)
    ]
    keys = claims.body_keys(claims.stream_blocks(body))
    evidence_ids = {block_id: f"{url}#evidence-{key}" for key, block_id in keys.items()}
    evidence = [child for child in body if child.block_type == "evidence"]
    data = {
        "@context": CONTEXT,
        "@type": "MedicalWebPage",
        "@id": url,
        "url": url,
        "name": article.title,
        "headline": article.title,
        "description": article.summary,
        "datePublished": _iso(article.display_date),
        "dateModified": _iso(getattr(article, "updated_at", None) or article.last_published_at),
        "lastReviewed": _iso(article.last_reviewed),
        "image": image_url,
        "keywords": ", ".join(tag["name"] for tag in tags),
        "author": _person(article.author, credentials),
        "reviewedBy": _person(article.medical_reviewer, credentials),
        "publisher": _publisher(),
        "about": [_condition(condition, causes, therapies) for condition in conditions],
        "mentions": [*causes, *therapies, *contraindications],
        "citation": [_citation(child.value, evidence_ids.get(child.id)) for child in evidence],
        "hasPart": [
            _claim(
                claim,
                [f"{url}#evidence-{key}" for key in claims.cited_keys(claim["evidence"]) if key in keys],
            )
            for child in body
            for claim in claims.claims_of(child.block_type, child.value)
        ],
    }
    return _compact(data)


def _blocks_by_type(body):
    blocks = {name: [] for name in ("causes", "techniques", "contraindications")}
    for block in body:
        if block.block_type in blocks:
            blocks[block.block_type].append(block.value)
    return blocks


def _items(blocks):
    return [item for block in blocks for item in block["items"]]


def _reference(node):
    return {"@id": node["@id"]}


def _condition(condition, causes, therapies):
    own_names = {name.casefold() for name in (condition["name"], *condition["other_names"])}
    return {
        "@type": "MedicalCondition",
        "name": condition["name"],
        "alternateName": condition["other_names"],
        "associatedAnatomy": _anatomy(condition["body_area"]),
        "cause": [_reference(cause) for cause in causes if cause["name"].casefold() not in own_names],
        "possibleTreatment": [_reference(therapy) for therapy in therapies],
    }


def _anatomy(body_area):
    return {"@type": "AnatomicalStructure", "name": body_area} if body_area else None


def _cause(item, node_id):
    return {"@type": "MedicalCause", "@id": node_id, "name": item["name"], "description": item["description"]}


def _contraindication(item, node_id):
    return {
        "@type": "MedicalContraindication",
        "@id": node_id,
        "name": item["condition"],
        "description": item["guidance"],
    }


def _therapy(technique, node_id, contraindications):
    return {
        "@type": "MedicalTherapy",
        "@id": node_id,
        "name": technique.name,
        "description": technique.summary,
        "contraindication": [_reference(contraindication) for contraindication in contraindications],
    }


def _claim(claim, evidence_ids):
    """A benefit as a part of the page making a claim, citing the studies behind it."""
    return {
        "@type": "WebPageElement",
        "name": claim["title"],
        "text": claim["explanation"],
        "citation": [{"@id": node_id} for node_id in evidence_ids],
    }


def _citation(evidence, node_id):
    doi = evidence["doi"]
    return {
        "@type": "ScholarlyArticle",
        "@id": node_id,
        "headline": evidence["title"],
        "name": evidence["title"],
        "author": evidence["authors"],
        "datePublished": str(evidence["year"]) if evidence["year"] else None,
        "isPartOf": {"@type": "Periodical", "name": evidence["journal"]},
        "pagination": evidence["pages"],
        "identifier": {"@type": "PropertyValue", "propertyID": "DOI", "value": doi} if doi else None,
        "url": f"https://doi.org/{doi}" if doi else evidence["url"],
        "abstract": evidence["finding"],
    }


def _person(author, credentials):
    if author is None:
        return None
    return {
        "@type": "Person",
        "name": author.name,
        "jobTitle": author.job_title,
        "url": author.profile_url,
        "hasCredential": [
            {
                "@type": "EducationalOccupationalCredential",
                "name": credential.name or credential.abbreviation,
                "alternateName": credential.abbreviation,
                "recognizedBy": (
                    {"@type": "Organization", "name": credential.issued_by} if credential.issued_by else None
                ),
            }
            for credential in credentials(author)
        ],
    }


def _publisher():
    return {
        "@type": "Organization",
        "name": articles_settings.ARTICLES_PUBLISHER_NAME,
        "url": articles_settings.ARTICLES_PUBLISHER_URL or articles_settings.FRONTEND_BASE_URL,
    }


def _iso(value):
    if isinstance(value, datetime):
        value = timezone.localtime(value)
    return value.isoformat() if value else None


def _compact(value):
    """`value` without the None, empty strings, lists and objects nested anywhere inside it."""
    if isinstance(value, dict):
        pairs = ((key, _compact(item)) for key, item in value.items())
        return {key: item for key, item in pairs if item not in (None, "", [], {})}
    if isinstance(value, list):
        return [item for item in map(_compact, value) if item not in (None, "", [], {})]
    return value
