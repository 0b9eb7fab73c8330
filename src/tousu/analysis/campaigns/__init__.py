"""Black-industry campaign detection: template families, identity links, agent markers and their look-alikes.

Public API::

    from tousu.analysis.campaigns import CampaignInput, CampaignSettings, detect_campaigns, CampaignIndex

    items = [CampaignInput.from_record(record, secret) for record in records]   # identifiers HMAC-hashed
    detection = detect_campaigns(items)
    detection.flag_of("A-1")          # {"id": "CMP-3", "score": 0.93, "signals": [...]} or None
    detection.group_event_of("A-2")   # {"id": "EVT-2", "size": 40, "product": ...} or None
    detection.repeat_of("A-3")        # {"complainant": "P-77", "count": 4} or None
    detection.campaigns[0].to_dict()  # the dossier: reasons, template, shared identifiers, timeline ...
    index = CampaignIndex.from_detection(detection, items)
    index.check(new_item)             # CampaignMatch or None, without a full rerun

What is told apart: (a) an organised campaign (letters from one template and/or one agent's contacts
across different complainants, with agent markers) -> ``Detection.campaigns``; (b) a genuine mass
complaint about one real incident (many complainants, own words, one product, a burst) ->
``Detection.group_events``, never a campaign flag; (c) one persistent complainant (same identity
again and again) -> ``Detection.repeats``. A flag is a prompt to check: it never pauses a statutory
deadline and never lets a complaint go unanswered (genuine delegated complaints must be accepted).

Modules: ``inputs`` (CampaignInput, HMAC hashing), ``identity`` / ``address`` (normalisation, masks),
``shingles`` / ``templates`` (MinHash LSH families), ``links`` (persons, shared identifiers),
``clusters`` (families + identifiers -> clusters), ``markers`` (agent markers, kind), ``scoring``
(noisy-or with reasons), ``events`` (group events, repeats), ``dossier`` (evidence dataclasses),
``detect`` (batch), ``index`` (incremental). Rule tables: ``tousu/analysis/data/agent_markers.toml``,
``campaign_scoring.toml``, ``campaign_synonyms.toml``, ``campaign_kinds.toml``, ``campaign_messages.toml``.

Pure: no database, web or command-line imports. See DOMAIN.md section 3 for the signals.
"""

from .detect import Detection, detect_campaigns
from .dossier import Campaign, GroupEvent, MemberDifference, Reason, Repeat, SharedIdentifier
from .identity import LinkKey
from .index import CampaignIndex, CampaignMatch
from .inputs import CampaignInput
from .settings import SIGNALS, CampaignSettings

__all__ = [
    "SIGNALS",
    "Campaign",
    "CampaignIndex",
    "CampaignMatch",
    "CampaignInput",
    "CampaignSettings",
    "Detection",
    "GroupEvent",
    "LinkKey",
    "MemberDifference",
    "Reason",
    "Repeat",
    "SharedIdentifier",
    "detect_campaigns",
]
