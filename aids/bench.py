"""National-scale aids for the benchmark: copies of the loaded catalogue's aids with their
conditions, demo-labelled, so that the catalogue and the simulator weigh 500 aids. Only in a
bench database (the generator refuses any other); no invented aid reaches a real portal."""

from aids.catalogue import load_catalogue
from aids.enums import AidStatus
from aids.models import Aid, Condition
from vsa_portal.bench import BATCH


def generate_bench_aids(rng, communes, count):
    if count <= 0:
        return 0
    if not Aid.objects.filter(is_demo=False).exists():
        load_catalogue()  # the territory's catalogue, the models of the copies
    models = list(Aid.objects.filter(is_demo=False).prefetch_related("conditions"))
    start = Aid.objects.filter(is_demo=True).count()
    aids, conditions = [], []
    for number in range(start, start + count):
        model = rng.choice(models)
        aids.append(
            Aid(
                **{
                    field.name: getattr(model, field.name)
                    for field in Aid._meta.concrete_fields
                    if field.name not in ("id", "created_at", "updated_at")
                },
            )
        )
        aid = aids[-1]
        aid.title = f"{model.title} (banc d’essai n°{number})"[:200]
        aid.slug = f"banc-essai-{number}"
        aid.status, aid.closed_since, aid.is_demo = AidStatus.OPEN, None, True
        aid.position = 200 + number % 100
        conditions.append(list(model.conditions.all()))
    Aid.objects.bulk_create(aids, batch_size=BATCH)
    Condition.objects.bulk_create(
        [
            Condition(
                **{
                    field.name: getattr(condition, field.name)
                    for field in Condition._meta.concrete_fields
                    if field.name not in ("id", "aid")
                },
                aid=aid,
            )
            for aid, model_conditions in zip(aids, conditions, strict=True)
            for condition in model_conditions
        ],
        batch_size=BATCH,
    )
    return len(aids)
