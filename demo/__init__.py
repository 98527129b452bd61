"""The demo region: fictional gemeenten with plausible answers, to click through."""
