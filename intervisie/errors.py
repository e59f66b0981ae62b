class IntervisieError(Exception):
    """A refused change; str(error) is a message for the user. A refusal changes nothing."""
