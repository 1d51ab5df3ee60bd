"""Uploaded images are verified and re-encoded with Pillow: size and dimension limits,
metadata stripped; anything else is refused with a clear message."""

import io
import warnings

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

MAX_BYTES = 3 * 1024 * 1024
MAX_SIDE = 6000
OUTPUT_SIDE = 800
ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}


def reencode_image(upload, max_bytes=MAX_BYTES, output_side=OUTPUT_SIDE):
    """Return a clean PNG or JPEG ContentFile made from ``upload``, or raise ValidationError."""
    if upload.size > max_bytes:
        raise ValidationError(
            _("L’image dépasse %(size)s Mo : réduisez-la avant de l’envoyer.")
            % {"size": max_bytes // (1024 * 1024)}
        )
    data = upload.read()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                probe.verify()
            image = Image.open(io.BytesIO(data))
            if image.format not in ACCEPTED_FORMATS:
                raise ValidationError(
                    _("Format refusé : envoyez une image JPEG, PNG, WebP ou GIF.")
                )
            if max(image.size) > MAX_SIDE:
                raise ValidationError(
                    _("L’image est trop grande (%(w)s × %(h)s pixels, %(max)s au plus).")
                    % {"w": image.width, "h": image.height, "max": MAX_SIDE}
                )
            image.load()
    except (
        UnidentifiedImageError,
        OSError,
        SyntaxError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
    ) as exc:
        raise ValidationError(_("Ce fichier n’est pas une image lisible.")) from exc
    keeps_transparency = image.mode in ("RGBA", "LA", "P")
    image = image.convert("RGBA" if keeps_transparency else "RGB")
    image.thumbnail((output_side, output_side))
    output = io.BytesIO()
    # Saving a fresh image without ``exif`` or ``info`` drops every piece of metadata.
    clean = Image.new(image.mode, image.size)
    clean.paste(image)
    if keeps_transparency:
        clean.save(output, format="PNG", optimize=True)
        extension = "png"
    else:
        clean.save(output, format="JPEG", quality=85, optimize=True)
        extension = "jpg"
    name = (upload.name.rsplit(".", 1)[0] or "image")[:80]
    return ContentFile(output.getvalue(), name=f"{name}.{extension}")
