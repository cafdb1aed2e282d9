"""Loading the packaged reference data into the database."""

from typing import Any

from twinplan.reference import codes


def target_sort_key(code: str) -> int:
    """"7.a" sorts after "7.3": goal × 1000 + target, letters after numbers."""
    goal, _, target = code.partition(".")
    rank = int(target) if target.isdigit() else 100 + ord(target.lower()) - ord("a")
    return int(goal) * 1000 + rank


def sdgs_sync(goal_model: Any, target_model: Any) -> None:
    """Create or update the SDG rows from data/sdgs.json. Takes the model classes so a data
    migration can pass its historical models."""
    goals = {}
    for goal in codes.sdg_goals():
        goals[goal.code], _ = goal_model.objects.update_or_create(
            code=goal.code, defaults={"colour": goal.colour, "names": dict(goal.names)}
        )
    for target in codes.sdg_targets():
        target_model.objects.update_or_create(
            code=target.code,
            defaults={
                "goal": goals[target.goal],
                "titles": dict(target.titles),
                "sort_key": target_sort_key(target.code),
            },
        )
