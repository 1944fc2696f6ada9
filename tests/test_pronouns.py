"""Pronouns and agreement chosen from the sentence (default policy and the bundled 'pronouns' policy)."""

import pytest

from safe_llava_hf import BiometricEngine, BiometricPolicy


@pytest.fixture(scope="module")
def pronouns_only():
    engine = BiometricEngine(BiometricPolicy.load("pronouns"))
    return lambda text: engine.rewrite(text).text


@pytest.mark.parametrize("text, expected", [
    # her: object or determiner
    ("We should help her carry the boxes upstairs.", "We should help them carry the boxes upstairs."),
    ("The nurse tucked her scarf into her coat.", "The nurse tucked their scarf into their coat."),
    ("I walked beside her stirring the soup.", "I walked beside them stirring the soup."),
    ("The medicine kept her awake all night.", "The medicine kept them awake all night."),
    ("The coach praised her quick thinking.", "The coach praised their quick thinking."),
    ("The clown handed her balloons and candy.", "The clown handed them balloons and candy."),
    ("Mum lent her old bicycle to the neighbours.", "Mum lent their old bicycle to the neighbours."),
    ("He hurt his back lifting the crate.", "They hurt their back lifting the crate."),
    ("They finally brought her back to shore.", "They finally brought them back to shore."),
    ("I sent her nothing for her birthday.", "I sent them nothing for their birthday."),
    # his: determiner or possessive pronoun
    ("He extended his visit by a week.", "They extended their visit by a week."),
    ("The blue umbrella is his.", "The blue umbrella is theirs."),
    ("She forgot hers and borrowed his too.", "They forgot theirs and borrowed theirs too."),
    # verbs agree through adverbs, auxiliaries and coordination
    ("He already knows the answer.", "They already know the answer."),
    ("She constantly does the dishes late.", "They constantly do the dishes late."),
    ("He normally carries a spare key and fixes the lock himself.", "They normally carry a spare key and fix the lock themself."),
    ("She's finished the report and she's tired.", "They've finished the report and they're tired."),
    ("Did he fix it himself or was it the plumber?", "Did they fix it themself or was it the plumber?"),
    # contractions keep their endings; capitals stay capitals
    ("I think he'll call, and she'd agree.", "I think they'll call, and they'd agree."),
    ("WHY DID SHE LEAVE HIM THERE?", "WHY DID THEY LEAVE THEM THERE?"),
])
def test_pronouns_only_policy(pronouns_only, text, expected):
    assert pronouns_only(text) == expected


def test_pronouns_policy_leaves_nouns_and_lines_without_pronouns(pronouns_only):
    assert pronouns_only("The old man and his granddaughter feed the ducks.") == \
        "The old man and their granddaughter feed the ducks."
    for text in ("A grandmother , smiling !", "The boys  ran home.\tFast."):
        assert pronouns_only(text) == text


def test_neutralize_command_keeps_lines(tmp_path):
    from safe_llava_hf.cli import main

    src = tmp_path / "in.txt"
    src.write_bytes("She waves at him.\n\nNo people here .\r\nHe runs.\n".encode())
    assert main(["neutralize", str(src), "-o", str(tmp_path / "out.txt"), "--policy", "pronouns", "--no-progress"]) == 0
    assert (tmp_path / "out.txt").read_bytes() == b"They wave at them.\n\nNo people here .\r\nThey run.\n"
    assert main(["neutralize", str(src), "-o", str(src)]) == 2  # never overwrites the input
    assert src.read_bytes().startswith(b"She waves")


@pytest.mark.parametrize("text, expected", [
    ("Look at her dimples !", "Look at their dimples !"),        # spacing nobody asked to change stays
    ("A woman  waves\tat him .", "A person  waves\tat them ."),
    ("The nurse (a tall woman) smiles.", "The nurse (a tall person) smiles."),
    ("Two  girls , laughing , run.", "Two  people , laughing , run."),
])
def test_text_outside_the_edits_is_byte_identical(neutralize, text, expected):
    assert neutralize(text) == expected
