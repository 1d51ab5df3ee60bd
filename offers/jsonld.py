"""schema.org JobPosting for an offer; never names the poster of an anonymous offer."""

from django.conf import settings

from offers.enums import OfferKind

EMPLOYMENT_TYPES = {
    OfferKind.OCCASIONAL_LOCUM: "TEMPORARY",
    OfferKind.REGULAR_LOCUM: "PART_TIME",
    OfferKind.COLLABORATION: "CONTRACTOR",
    OfferKind.PARTNERSHIP: "CONTRACTOR",
    OfferKind.SUCCESSION: "CONTRACTOR",
    OfferKind.ASSISTANTSHIP: "CONTRACTOR",
    OfferKind.HEALTH_CENTRE_POST: "FULL_TIME",
    OfferKind.HOSPITAL_POST: "FULL_TIME",
    OfferKind.PREMISES: "OTHER",
}


def job_posting(offer, url):
    data = {
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "title": offer.title,
        # the period first: schema.org has a start date for a job, not an end date
        "description": f"{offer.dates_label}.\n\n{offer.description}"
        if offer.dates_label
        else offer.description,
        "url": url,
        # the offer's stable number on the portal, as the open data and the API give it
        "identifier": {
            "@type": "PropertyValue",
            "name": settings.PORTAL["NAME"],
            "value": str(offer.pk),
        },
        "datePosted": (offer.published_at or offer.created_at).date().isoformat(),
        "employmentType": EMPLOYMENT_TYPES.get(offer.kind, "OTHER"),
        "occupationalCategory": offer.profession.name,
        "hiringOrganization": {
            "@type": "Organization",
            "name": offer.public_poster or settings.PORTAL["NAME"],
        },
        "jobLocation": {
            "@type": "Place",
            "address": {
                "@type": "PostalAddress",
                "addressLocality": offer.commune.name,
                "postalCode": offer.commune.postal_codes[0] if offer.commune.postal_codes else "",
                "addressCountry": "FR",
            },
        },
    }
    if offer.expires_on:
        data["validThrough"] = offer.expires_on.isoformat()
    if offer.start_date:
        data["jobStartDate"] = offer.start_date.isoformat()
    if offer.salary_min or offer.salary_max:
        data["baseSalary"] = {
            "@type": "MonetaryAmount",
            "currency": "EUR",
            "value": {
                "@type": "QuantitativeValue",
                "minValue": offer.salary_min or offer.salary_max,
                "maxValue": offer.salary_max or offer.salary_min,
                "unitText": "MONTH",
            },
        }
    return data
