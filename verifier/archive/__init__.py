"""`batch`: checking an archive with the API's checker, resumably, on this machine or a Ray cluster."""
