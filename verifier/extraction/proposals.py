"""extract's proposals on disk and on screen: appended to claims/<source-id>.yaml (comments and
layout kept, nothing proposed twice), or rendered as a claims file or a JSON array."""

from __future__ import annotations

import io
import json
from pathlib import Path

from ruamel.yaml import YAML

from verifier.common.yamlio import dump_yaml_atomic, load_yaml, write_atomic
from verifier.ledger.load import load_ledger
from verifier.ledger.review import locked
from verifier.models import Claim


def write_proposals(root: Path, source_id: str, claims: list[Claim]) -> int:
    """Append claims to claims/<source-id>.yaml (comments and layout kept); how many were new.

    A claim whose quote, property and value equal an existing claim's is already there, so a second
    run adds nothing, even after the source text moved. The file is locked as `review` locks it.
    """
    path = Path(root) / "claims" / f"{source_id}.yaml"
    with locked(path):
        ledger = load_ledger(Path(root))
        have = {_identity(c) for c in ledger.claims}
        new = [c for c in claims if _identity(c) not in have]
        if new:
            _append(path, f"from {ledger.sources[source_id].path}", source_id, [_plain_claim(c) for c in new])
    return len(new)


def _append(path: Path, origin: str, source_id: str, rows: list[dict]) -> None:
    if path.exists():
        data, _ = load_yaml(path, f"claims/{path.name}")
        data["claims"].extend(rows)
        dump_yaml_atomic(path, data)
    else:
        header = (f"# Claims proposed by `verifier extract {source_id}` {origin}.\n"
                  "# Review each one: fix what is wrong, then set `status: verified` (or delete it).\n")
        write_atomic(path, header + _yaml_text({"claims": rows}))


def render_proposals(claims: list[Claim], output_format: str = "yaml") -> str:
    """The proposals as a claims file (YAML) or a JSON array, for printing."""
    rows = [_plain_claim(c) for c in claims]
    if output_format == "json":
        return json.dumps(rows, indent=2, ensure_ascii=False) + "\n"
    return _yaml_text({"claims": rows})


def _identity(claim: Claim) -> tuple:
    # By quote, not offsets: text added above a fact must not make it new again.
    return claim.source.id, claim.source.quote, claim.property, claim.value.model_dump_json()


def _plain_claim(claim: Claim) -> dict:
    data = claim.model_dump(mode="json", exclude_none=True)
    for part in (data["subject"], data["value"]):
        if part.get("aliases") == []:
            del part["aliases"]
    return data


def _yaml_text(data: dict) -> str:
    yaml = YAML(typ="rt")
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    return buffer.getvalue()
