"""Plain models of regio's, gemeenten and rounds, shared by store, services and pages."""
