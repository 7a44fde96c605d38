"""The AI Capex Ledger: the tested code behind every chapter of the book."""
