"""Safe YAML with positions: values, locations, and refusals that name a line."""

import pytest

from tierengine.errors import InputError
from tierengine.evidence.yamlsource import parse_yaml


def test_positions_of_keys_and_items():
    doc = parse_yaml("a:\n  b: 1\n  c: [x, y]\n", "f.yaml")
    assert doc.data == {"a": {"b": 1, "c": ["x", "y"]}}
    assert doc.where(("a", "b")) == (2, 3)
    assert doc.where(("a", "c", 1))[0] == 3
    assert doc.where(("a", "nope")) == (1, 1)  # deepest known prefix


def test_merge_keys_explicit_wins():
    doc = parse_yaml("x: &d {a: 1, b: 2}\ny:\n  <<: *d\n  b: 3\n", "f.yaml")
    assert doc.data["y"] == {"a": 1, "b": 3}


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("a: 1\na: 2\n", "duplicate key 'a'"),
        ("a: !!python/object:os.system x\n", "not allowed"),
        ("a: [\n", "malformed YAML"),
        ("", "empty document"),
    ],
)
def test_refusals_are_located(text, fragment):
    with pytest.raises(InputError) as exc:
        parse_yaml(text, "f.yaml")
    (problem,) = exc.value.problems
    assert fragment in problem.message and problem.file == "f.yaml" and problem.line >= 1


def test_alias_bomb_is_refused():
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 9):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i-1}"] * 10) + "]")
    with pytest.raises(InputError) as exc:
        parse_yaml("\n".join(lines) + "\n", "bomb.yaml")
    assert "alias bomb" in exc.value.problems[0].message
