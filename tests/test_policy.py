import pytest
import yaml

from safe_llava_hf import BiometricPolicy, Detector, PolicyError


def test_default_policy_categories(policy):
    assert list(policy.categories) == ["gender", "race", "age", "eye_color", "weight", "hair"]
    assert policy.enabled == ["gender", "race", "age", "eye_color", "weight"]
    assert policy.prism_name("eye_color") == "Eye_Color"
    assert policy.key_for_prism_name("Eye_Color") == "eye_color"
    assert policy.key_for_prism_name("weight") == "weight"
    with pytest.raises(PolicyError, match="unknown category"):
        policy.key_for_prism_name("Height")


def test_save_load_round_trip(tmp_path, policy):
    path = tmp_path / "p.yaml"
    policy.save(path)
    loaded = BiometricPolicy.load(path)
    assert loaded.to_dict() == policy.to_dict()
    assert loaded.source == str(path)


def test_partial_file_disables_and_extends(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text(yaml.safe_dump({
        "refusal": "No: I do not discuss {attributes}.",
        "categories": {
            "weight": {"enabled": False},
            "gender": {"nouns": {"sailor-man": "sailor"}},
            "hair": {"enabled": True},
            "tattoo": {"prism_name": "Tattoo", "modifiers": ["tattooed"], "attribute_words": ["tattoo"]},
        },
    }))
    p = BiometricPolicy.load(path)
    assert "weight" not in p.enabled and "hair" in p.enabled and "tattoo" in p.enabled
    assert p.categories["gender"].nouns["man"] == "person"  # default nouns kept
    assert p.categories["gender"].nouns["sailor-man"] == "sailor"
    assert p.refusal_text(["age", "tattoo"]) == "No: I do not discuss age and tattoo."
    d = Detector(p)
    assert d.categories("An obese man with blonde hair and a tattooed woman.") == {"gender", "hair", "tattoo"}


def test_refusal_text_names_categories(policy):
    text = policy.refusal_text(["race", "age"])
    assert "a person's race or ethnicity and age from an image" in text
    assert text.startswith("I'm sorry")


@pytest.mark.parametrize("content, message", [
    ("categories: [1, 2", "not valid YAML"),
    ("- just\n- a list\n", "must be a mapping"),
    ("extends: null\ncategories: {}\n", "non-empty mapping"),
    ("categories:\n  age:\n    colour: 3\n", "unknown keys"),
    ("categories:\n  age:\n    modifiers: old\n", "must be a list of strings"),
    ("categories:\n  age:\n    patterns: ['(unclosed']\n", "invalid regex"),
])
def test_bad_policy_files_name_the_file(tmp_path, content, message):
    path = tmp_path / "bad.yaml"
    path.write_text(content)
    with pytest.raises(PolicyError, match=message) as err:
        BiometricPolicy.load(path)
    assert str(path) in str(err.value)


def test_missing_policy_file(tmp_path):
    with pytest.raises(PolicyError, match="cannot read"):
        BiometricPolicy.load(tmp_path / "nope.yaml")


def test_disable_and_enable(policy):
    p = BiometricPolicy.from_dict(policy.to_dict())
    p = p.with_disabled("gender").with_enabled("hair")
    d = Detector(p)
    assert d.categories("A blonde woman smiles at him.") == {"hair"}
    with pytest.raises(PolicyError):
        p.with_enabled("height")
