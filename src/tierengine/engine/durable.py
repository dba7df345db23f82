"""Evaluate a compiled ruleset with durable_rules, stratum by stratum.

durable_rules decides which rules match; this module applies each finding's
first-match policy over the rules that fired, asserts the resulting findings as the
next stratum's fact, and repeats. It follows the protocol that avoids durable_rules'
known sharp edges (shared/docs/engines.md §3): one Host per process, fresh copies of
what is registered (parsed from the compiled JSON text), one session per assessment,
facts asserted one at a time, the session's stored exception checked once all facts
are in, and the session deleted afterwards. Rulesets are registered under a new
generation name before the engine's never-shrinking identity index can fill.
"""

from __future__ import annotations

import json
import itertools
import threading
from dataclasses import dataclass

from tierengine.engine.compile import CONTEXT, NOOP, CompiledRuleset, evidence_facts
from tierengine.errors import EngineError
from tierengine.evidence.facts import FactEntry

#: facts asserted into one registered ruleset before a fresh one is registered
#: (durable_rules 2.0.28 raises spurious duplicates at ~114,000; engines.md §3.4)
FACT_BUDGET = 90_000


@dataclass(frozen=True)
class Evaluation:
    """What the engine derived: each finding's value, the rule that decided it, and all rules that fired."""

    values: dict[str, object]
    chosen: dict[str, str | None]  # finding -> deciding rule id (None: the finding's default)
    fired: frozenset[str]  # rule ids durable_rules fired in this session


class DurableEngine:
    """The only place that talks to durable_rules."""

    def __init__(self, fact_budget: int = FACT_BUDGET):
        self._host = None
        self._lock = threading.Lock()
        self._firings: dict[str, set[str]] = {}
        self._registered: dict[tuple, tuple[str, int]] = {}  # (digest, year) -> (name, facts asserted)
        self._generation = itertools.count()
        self._sids = itertools.count(1)
        self._budget = fact_budget
        self.late_actions = 0  # actions that arrived after their assessment ended (must stay 0)
        self.rulesets_registered = 0

    # durable_rules calls this once per action name while registering a ruleset
    def _action(self, name: str):
        if name == NOOP:
            return lambda c: None
        rule_id = name.rsplit("#", 1)[0]

        def record(c) -> None:
            sid = c.s.sid
            with self._lock:
                fired = self._firings.get(sid)
                if fired is None:
                    self.late_actions += 1
                else:
                    fired.add(rule_id)

        return record

    def _host_instance(self):
        if self._host is None:
            from durable import engine as durable_engine  # heavy: import only when evaluating

            outer = self

            class Host(durable_engine.Host):
                def get_action(self, action_name):
                    return outer._action(action_name)

                def _run(self):
                    """Start no background dispatcher threads.

                    durable_rules' Host starts two timer threads that poll every ruleset
                    for pending actions and timers. We use neither timers nor queued
                    events, and the action dispatcher can lease an action the caller's
                    thread was about to run, so it fires late on the background thread
                    (engines.md §3.4; seen here once under heavy load). Without them every
                    action runs inside assert_fact, in the caller's thread.
                    """

            self._host = Host()
        return self._host

    def _ruleset_for(self, compiled: CompiledRuleset, facts_needed: int) -> str:
        key = (compiled.digest, compiled.year)
        name, used = self._registered.get(key, (None, 0))
        if name is None or used + facts_needed > self._budget:
            name = f"{compiled.name}_g{next(self._generation)}"
            self._host_instance().set_rulesets({name: json.loads(compiled.durable_json)})
            self.rulesets_registered += 1
            used = 0
        self._registered[key] = (name, used + facts_needed)
        return name

    def _assert(self, ruleset: str, sid: str, fact: dict) -> None:
        try:
            self._host.assert_fact(ruleset, {**fact, "sid": sid})
        except Exception as exc:  # durable_rules raises bare Exception subclasses with codes
            raise EngineError(f"durable_rules rejected a {fact.get('t')} fact: {exc}") from None

    def _check_actions(self, ruleset: str, sid: str) -> None:
        """A failed action leaves its exception in the session state, which persists: one read
        per session (not one per assertion, a JSON round trip each) catches any of them."""
        state = self._host.get_state(ruleset, sid)
        if state and state.get("exception"):
            raise EngineError(f"a rule action failed inside durable_rules: {state['exception']}")

    def evaluate(self, compiled: CompiledRuleset, facts: dict[str, FactEntry]) -> Evaluation:
        """Assert evidence, then resolve and assert findings stratum by stratum."""
        evidence = evidence_facts(facts)
        ruleset = self._ruleset_for(compiled, 1 + len(evidence) + len(compiled.strata))
        sid = str(next(self._sids))
        fired: set[str] = set()
        with self._lock:
            self._firings[sid] = fired
        values: dict[str, object] = {}
        chosen: dict[str, str | None] = {}
        try:
            self._assert(ruleset, sid, {"t": CONTEXT, "year": compiled.year})
            for fact in evidence:
                self._assert(ruleset, sid, fact)
            for k, group in enumerate(compiled.strata, start=1):
                with self._lock:
                    seen = set(fired)
                layer = {}
                for fid in group:
                    rule = next((r for r in compiled.rules_by_finding[fid] if r.id in seen), None)
                    chosen[fid] = rule.id if rule else None
                    values[fid] = rule.spec.then if rule else compiled.default_of[fid]
                    layer[compiled.finding_fields[fid]] = values[fid]
                self._assert(ruleset, sid, {"t": f"s{k}", **layer})
            self._check_actions(ruleset, sid)
        finally:
            with self._lock:
                self._firings.pop(sid, None)
                final = frozenset(fired)
            try:
                self._host.delete_state(ruleset, sid)
            except Exception:  # pragma: no cover - the session may never have been created
                pass
        return Evaluation(values, chosen, final)


_ENGINE: DurableEngine | None = None


def shared_engine() -> DurableEngine:
    """One engine (one durable_rules Host) per process."""
    global _ENGINE
    if _ENGINE is None:
        _ENGINE = DurableEngine()
    return _ENGINE
