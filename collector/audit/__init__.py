"""The audit log: who exported, released, discarded, tagged or changed a campaign, and when."""
