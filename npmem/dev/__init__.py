"""Course development tools (not for learners): the mutation pass over the exercises."""
