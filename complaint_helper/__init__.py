"""complaint-helper: a private, local assistant for preparing a licensing-board complaint about a
therapist.
"""
