"""Stream data for article bodies, and reading API responses."""


def block(block_type, value):
    return {"type": block_type, "value": value}


def section(block_type, items, heading="A heading", intro=""):
    return block(block_type, {"heading": heading, "intro": intro, "items": items})


def paragraph(html):
    return block("paragraph", html)


def techniques_block(*techniques, application="Around the knee."):
    return section("techniques", [{"technique": t.pk, "application": application} for t in techniques])


def contraindications_block(condition="A suspected fracture", severity="avoid", guidance="See a doctor."):
    return section(
        "contraindications", [{"condition": condition, "severity": severity, "guidance": guidance}]
    )


def image_block(image, alt="A therapist working on a knee", caption="Gentle pressure"):
    return block("image", {"image": image.pk, "alt": alt, "caption": caption})


def evidence_block(doi="10.1001/archinte.166.22.2533", url=""):
    return block(
        "evidence",
        {
            "authors": "Perlman AI, Sabina A",
            "title": "Massage therapy for osteoarthritis of the knee",
            "journal": "Arch Intern Med",
            "year": 2006,
            "volume": "166(22)",
            "pages": "2533-2538",
            "doi": doi,
            "url": url,
            "finding": "Massage reduced pain and improved function.",
        },
    )


def every_block_body(*, technique, clinic, image, answer_html="<p>Ask your therapist.</p>"):
    """A body with one block of each of the 15 types."""
    return [
        block("heading", {"text": "Why it helps", "level": "h3"}),
        paragraph("<p>Knee pain can affect daily life.</p>"),
        image_block(image),
        block("quote", {"text": "Massage helped me climb stairs again.", "attribution": "A client"}),
        section("causes", [{"name": "Tight muscles", "description": "Overuse", "kind": "muscular"}]),
        section(
            "benefits",
            [
                {
                    "title": "Better circulation",
                    "explanation": "Blood flows",
                    "mechanism": "Pressure",
                    "evidence": "perlman2006",
                }
            ],
        ),
        techniques_block(technique),
        contraindications_block(),
        evidence_block(),
        block("warning", {"urgency": "emergency", "heading": "See a doctor", "text": "If it swells."}),
        section("care_plan", [{"title": "Strengthening exercises", "description": "Daily"}]),
        block("faq", {"items": [{"question": "How often?", "answer": answer_html}]}),
        block("call_to_action", {"label": "Book a massage", "url": "", "location": clinic.pk}),
        block(
            "table",
            {
                "data": [["Technique", "Pressure"], ["Swedish", "Light"]],
                "table_header_choice": "row",
                "first_row_is_table_header": True,
                "first_col_is_header": False,
                "table_caption": "",
            },
        ),
        block("embed", "https://vimeo.com/76979871"),
    ]


def results(response):
    assert response.status_code == 200, response.content
    return response.json()["results"]


def slugs(response):
    return [item["slug"] for item in results(response)]
