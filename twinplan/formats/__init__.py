"""Locale formats that replace Django's own where those read wrong in running text
(FORMAT_MODULE_PATH). Only the names defined here change; the rest comes from Django."""
