from .cli import main

# Guarded: where worker processes are spawned (not Linux), they import the main module.
if __name__ == "__main__":
    main()
