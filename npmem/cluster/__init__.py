"""Grade a class on a Dask cluster (``python -m npmem.cluster``, ``make autograde SCHEDULER=``)."""
