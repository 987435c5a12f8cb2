"""Each stage of the triage alone: normalise, language, reading, context."""

from moderation.safety.language import detect
from moderation.safety.normalise import normalise
from moderation.safety.reading import reader

from .helpers import contexts


def test_lookalike_letters_read_as_the_latin_they_imitate():
    # A Cyrillic "е" and "о", a Greek "ο", a zero-width space and fullwidth letters.
    assert normalise("I have a fеver, my knее is swоllen and ο\u200bk ＦＩＮＥ").text == (
        "i have a fever, my knee is swollen and ok fine"
    )


def test_a_text_in_another_script_is_left_as_written():
    normalised = normalise("Спасибо за статью! У меня болит колено.")

    assert normalised.text == "спасибо за статью! у меня болит колено."
    assert normalised.latin_share == 0


def test_the_language_of_a_comment_decides_its_lexicon():
    assert detect(normalise("My knee has been sore since Tuesday, thanks for this.")).languages == ("en",)
    assert detect(normalise("J'ai de la fièvre depuis hier et mal au genou.")).languages == ("fr",)
    assert detect(normalise("Tengo fiebre desde anoche y me duelen las rodillas.")).languages == ("es",)


def test_a_language_no_lexicon_reads_is_named():
    assert (
        detect(normalise("Ich habe seit drei Tagen starke Knieschmerzen, was soll ich tun?")).other
        == "German"
    )
    assert detect(normalise("meu joelho está inchado faz dois dias, alguém sabe?")).other == "Portuguese"
    assert detect(normalise("Спасибо за статью! У меня болит колено.")).other == "Cyrillic script"


def test_a_comment_too_short_to_tell_is_read_in_every_language():
    assert detect(normalise("fiebre")).languages == ("en", "fr", "es")


def test_lemmas_join_a_words_forms():
    doc = reader("en").read("she fell, her ankles swelled and she was feverish")

    assert doc.user_data["words"].lemmas[1] == "fall"
    assert reader("es").read("rodillas hinchadas").user_data["words"].lemmas == ["rodilla", "hinchar"]


def test_misspellings_are_read_as_the_lexicon_word_they_are_one_edit_from():
    doc = reader("en").read("a feaver and a swolen knee, pregnent, numbess")

    assert sorted(doc.user_data["corrections"].values()) == ["fever", "numbness", "pregnant", "swollen"]


def test_real_words_are_never_corrected_towards_the_lexicon():
    # "cancel" is one edit from "cancer", "fewer" from "fever", "number" from "numb".
    doc = reader("en").read("cancel the fewer number of sessions")

    assert doc.user_data["corrections"] == {}


def test_context_decisions():
    assert contexts("no fever, no numbness") == {"fever": "negated", "numbness": "negated"}
    assert contexts("broke my wrist ten years ago, fully healed") == {"fracture": "historical"}
    assert contexts("what if someone has a clot?") == {"blood_clot": "hypothetical"}
    assert contexts("my mum fell yesterday and her hip hurts") == {"fall_injury": "other_person"}
    assert contexts("I fell in love with this clinic") == {"fall_injury": "figurative"}
    assert contexts("my knee doesn't lock, it used to lock years ago") == {"joint_instability": "negated"}


def test_a_negation_reaches_no_further_than_its_clause():
    assert contexts("no fever but my ankle is swollen and hot") == {
        "fever": "negated",
        "hot_swollen": "affirmed",
    }


def test_a_trigger_that_is_part_of_a_term_is_no_trigger():
    # "can't" in "can't feel my foot" is the finding, not its negation.
    assert contexts("I can't feel my foot since Sunday")["numbness"] == "affirmed"
