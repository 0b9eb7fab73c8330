"""Suspected black-industry campaigns and group events in the register: store, detect, check at import, evidence.

Use cases live in :mod:`tousu.campaigns.service` (``detect_in_register``, ``list_campaigns``, ``get_campaign``,
``decide``), :mod:`tousu.campaigns.incremental` (``check_new``, ``campaign_hook``) and
:mod:`tousu.campaigns.evidence` (``write_evidence_pack``); the pure detection is :mod:`tousu.analysis.campaigns`.
"""
