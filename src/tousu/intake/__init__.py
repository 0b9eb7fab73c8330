"""Reading complaint files of every supported kind into canonical records, and writing them back.

``open_complaints`` streams a CSV, XLSX or JSON Lines file as validated rows; ``write_rejects`` writes
the rows that could not be read, untouched; ``write_complaints`` exports records as CSV or XLSX.
"""

from tousu.intake.errors import InvalidMapping, UnreadableFile
from tousu.intake.mapping import ColumnMapping, load_mapping
from tousu.intake.readers import ComplaintFile, open_complaints
from tousu.intake.rows import ReadRow, RowError
from tousu.intake.writers import write_complaints, write_rejects

__all__ = [
    "ColumnMapping",
    "ComplaintFile",
    "InvalidMapping",
    "ReadRow",
    "RowError",
    "UnreadableFile",
    "load_mapping",
    "open_complaints",
    "write_complaints",
    "write_rejects",
]
