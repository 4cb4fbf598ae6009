"""The Qt-free core: domain models, validation, units and routine editing."""
