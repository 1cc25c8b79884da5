"""Reads of the organisation that take more than one query."""


def unit_lineage(unit):
    """The units this unit came from, nearest first, each with its own predecessors."""
    lineage, frontier, seen = [], [unit], {unit.pk}
    while frontier:
        step = []
        for current in frontier:
            for predecessor in current.predecessors.all():
                if predecessor.pk not in seen:
                    seen.add(predecessor.pk)
                    step.append(predecessor)
        lineage.extend(step)
        frontier = step
    return lineage
