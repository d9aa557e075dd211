"""Everything that knows about HTTP: security hooks, blueprints per area, forms."""
