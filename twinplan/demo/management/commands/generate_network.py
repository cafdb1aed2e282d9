import time
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from twinplan.demo.network import AlreadyGenerated, Sizes, generate_network


class Command(BaseCommand):
    help = (
        "Generate a large invented network for speed measurements (docs/performance.md): "
        "by default 1,000 towns in 60 countries, 500 partnerships, 25,000 measures with "
        "money, impact estimates and translations, 5,000 events and 250,000 indicator "
        "values, with their history, and a coordinator account per partnership. "
        "Deterministic for a seed; refuses to run twice."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        defaults = Sizes()
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--partnerships", type=int, default=defaults.partnerships)
        parser.add_argument("--measures-per-partnership", type=int,
                            default=defaults.measures_per_partnership)
        parser.add_argument("--events-per-partnership", type=int,
                            default=defaults.events_per_partnership)
        parser.add_argument("--indicators-per-partnership", type=int,
                            default=defaults.indicators_per_partnership)
        parser.add_argument("--values-per-indicator", type=int,
                            default=defaults.values_per_indicator)
        parser.add_argument("--countries", type=int, default=defaults.countries)
        parser.add_argument(
            "--first-partnership-measures", type=int, default=None,
            help="measures of the first partnership (gen-1) if other than "
                 "--measures-per-partnership (the bench: 200 in every network)")

    def handle(self, *args: Any, **options: Any) -> None:
        names = ("partnerships", "measures_per_partnership", "events_per_partnership",
                 "indicators_per_partnership", "values_per_indicator", "countries")
        for name in names:
            if options[name] < (1 if name in ("partnerships", "countries") else 0):
                raise CommandError(f"--{name.replace('_', '-')} must be at least "
                                   f"{1 if name in ('partnerships', 'countries') else 0}.")
        first = options["first_partnership_measures"]
        if first is not None and first < 0:
            raise CommandError("--first-partnership-measures must be at least 0.")
        sizes = Sizes(**{name: options[name] for name in names},
                      first_partnership_measures=first)
        started = time.monotonic()
        step = max(1, sizes.partnerships // 20)

        def progress(done: int, total: int) -> None:
            if done % step == 0 or done == total:
                self.stdout.write(f"  {done}/{total} partnerships "
                                  f"({time.monotonic() - started:.0f} s)")

        try:
            made = generate_network(sizes=sizes, seed=options["seed"],
                                    progress=progress if options["verbosity"] else None)
        except AlreadyGenerated as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Generated {made.municipalities} towns, {made.partnerships} partnerships, "
            f"{made.measures} measures, {made.resources} resources, "
            f"{made.impact_estimates} impact estimates, {made.events} events, "
            f"{made.indicators} indicators, {made.indicator_values} indicator values, "
            f"{made.coordinators} coordinator accounts "
            f"in {time.monotonic() - started:.0f} s."
        )
