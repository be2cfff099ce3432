"""``python -m sora_refs``."""

from .cli import main

if __name__ == "__main__":
    main()
