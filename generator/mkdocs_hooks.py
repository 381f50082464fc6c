"""MkDocs hooks used by `oit build` (loaded through the generated config)."""
from __future__ import annotations

from typing import Any

THEME_TEMPLATE_PREFIX = "oit/"   # page templates in site_theme/oit/ are not site files


def on_files(files: Any, config: Any) -> Any:
    """Keep the page-template overrides of site_theme/oit/ out of the published site."""
    for file in list(files):
        if file.src_uri.startswith(THEME_TEMPLATE_PREFIX) and not file.src_uri.endswith(".md") \
                and str(config["theme"].custom_dir or "") in file.abs_src_path:
            files.remove(file)
    return files
