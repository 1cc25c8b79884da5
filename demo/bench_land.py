"""A Land for the benchmark (`run_bench --size land`): 31 counties with 396 municipalities.

The first county is the bench county's Rhein-Sieg-Kreis with its 19 municipalities (its staff
unit and Siegburg are the measured users, as at county size); the others are invented, with
invented keys (AGS "99…", a Land code no Land has) and the remaining municipalities spread
evenly. Every county gets the bench county's units; the register (by default 50,000
initiatives, 500,000 status reports) is generated over all of them by the same rules
(demo.bench_county.fill_register), each county owning an equal share.
"""

import dataclasses

from django.db import transaction

from organisations.models import Body

from .bench_county import County, county_units, create_association, demo_county, fill_register
from .datafiles import demo_data

COUNTIES = 31
MUNICIPALITIES = 396
INVENTED_POPULATION = 25000


class LandTooSmall(ValueError):
    """The Land asked for has fewer municipalities than its counties need."""


def municipalities_per_county(*, counties, municipalities):
    """How many municipalities each county gets: the Rhein-Sieg-Kreis its own, the other
    counties the rest evenly."""
    first = len(demo_data().municipalities)
    others = counties - 1
    remaining = municipalities - first
    if counties < 1 or remaining < others or (others == 0 and remaining):
        raise LandTooSmall(
            f"{municipalities} Kommunen reichen nicht für {counties} Kreise: der erste Kreis "
            f"hat {first}, jeder weitere braucht mindestens eine."
        )
    if not others:
        return [first]
    share, extra = divmod(remaining, others)
    return [first, *(share + (1 if index < extra else 0) for index in range(others))]


def _invented_county(number, municipality_count):
    key = f"99{number:03d}"
    county = Body.objects.create(
        name=f"Bench-Kreis {number:02d}",
        kind=Body.Kind.COUNTY,
        designation="Kreis",
        ags=f"{key}000",
        ars=f"{key}0000000",
        population=INVENTED_POPULATION * municipality_count,
    )
    municipalities = Body.objects.bulk_create(
        Body(
            name=f"Bench-Gemeinde {number:02d}-{index:03d}",
            kind=Body.Kind.MUNICIPALITY,
            designation="Gemeinde",
            ags=f"{key}{index:03d}",
            ars=f"{key}0000{index:03d}",
            population=INVENTED_POPULATION,
            parent=county,
        )
        for index in range(1, municipality_count + 1)
    )
    return County(body=county, municipalities=municipalities, units=county_units(county))


@transaction.atomic
def generate_land(*, size, today, counties=COUNTIES, municipalities=MUNICIPALITIES, seed=2021):
    """Write the Land into the (empty, migrated) database; the measured users are the first
    county's, as in demo.bench_county.generate_county."""
    shares = municipalities_per_county(counties=counties, municipalities=municipalities)
    generated = [
        demo_county(),
        *(_invented_county(number, count) for number, count in enumerate(shares[1:], 2)),
    ]
    create_association()
    land = fill_register(counties=generated, size=size, today=today, seed=seed)
    return dataclasses.replace(land, counts={"Kreise": len(generated), **land.counts})
