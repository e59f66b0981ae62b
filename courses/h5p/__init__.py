"""Hosting H5P: validating and storing uploaded packages, shared libraries, and playing them isolated."""
