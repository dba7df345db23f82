"""Compiling to durable_rules JSON: per-year rule selection and the safety checks."""

from tierengine.engine.compile import ALLOWED_OPERATORS, compile_year


def _operators(expr, found):
    if isinstance(expr, dict):
        for k, v in expr.items():
            if k.startswith("$"):
                found.add(k)
            _operators(v, found)
    elif isinstance(expr, list):
        for item in expr:
            _operators(item, found)
    return found


def test_only_whitelisted_operators_and_every_pattern_typed(rules):
    compiled = compile_year(rules, 2025)
    assert _operators(compiled.durable, set()) <= ALLOWED_OPERATORS
    for definition in compiled.durable.values():
        for pattern in definition["all"]:
            (expr,) = pattern.values()
            assert expr["$and"][0].get("t")


def test_rules_follow_their_effective_years(rules):
    names_2018 = {n.split("#")[0] for n in compile_year(rules, 2018).durable}
    names_2025 = {n.split("#")[0] for n in compile_year(rules, 2025).durable}
    assert "watch_list.commitments.trigger" in names_2018 and "watch_list.commitments.trigger" not in names_2025
    assert "policy_or_pattern.found" in names_2025 and "policy_or_pattern.found" not in names_2018
    assert compile_year(rules, 2018).params["max_waiver_years"] == 2
    assert compile_year(rules, 2025).params["max_waiver_years"] == 1


def test_compiled_rulesets_are_reused_per_year(rules):
    assert compile_year(rules, 2025) is compile_year(rules, 2025)
