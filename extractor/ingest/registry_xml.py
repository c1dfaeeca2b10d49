"""Any registry XML: parse once, and the root element says which registry's reader it goes to
(`<clinical_study>`: ClinicalTrials.gov; `<Trials_downloaded_from_ICTRP>` or `<Trial>`: the WHO
ICTRP export; a FHIR `<ResearchStudy>` or `<Bundle>`). Other XML is refused with the root it has."""
from __future__ import annotations

from ..errors import UnsupportedShape
from . import ctgov_xml, fhir_xml, ictrp_xml
from .builder import sha256
from .limits import DEFAULT_LIMITS, Limits
from .source import Source
from .xmlutil import parse


def read(data: bytes, path: str, limits: Limits = DEFAULT_LIMITS) -> list[Source]:
    limits.check_bytes(data, path)
    root = parse(data, path)
    if root.tag == "clinical_study":
        return [ctgov_xml.from_element(root, path, sha256(data))]
    if ictrp_xml.is_ictrp(root):
        return ictrp_xml.read_root(root, path, sha256(data), limits)
    if fhir_xml.is_fhir(root):
        return fhir_xml.read_root(root, data, path, limits)
    raise UnsupportedShape(f"XML root <{root.tag}> is neither a ClinicalTrials.gov <clinical_study> "
                           f"nor a WHO ICTRP export nor a FHIR ResearchStudy", path)
