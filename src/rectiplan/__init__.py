"""rectiplan: track rectification plans (整改方案) kept as YAML files."""

__version__ = "0.1.0"
