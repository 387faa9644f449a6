"""Stage 5, reconcile: mentions become facts, one per real-world slot, each with a status.

- ``facts``: the slot blocks, the two-phase linking and the verdict of each fact;
- ``linking``: the pair model (features and fitted weights);
- ``clustering``: sparse, constrained average linkage;
- ``sides``: a conflict read value by value with its sources;
- ``series``: figures of one slot stated for different times;
- ``independence``: which reports copy which, and so how many sources support a fact.
"""
