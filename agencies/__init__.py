"""Licensed recruitment agencies, their licences and history, registry refresh runs and the import service."""
