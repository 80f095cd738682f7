"""python -m leafletgen"""

from .cli import main

main()
