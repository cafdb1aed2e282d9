"""Vietnamese dates as running text writes them, "ngày 23 tháng 9 năm 2017": lower case and
without a padded day, so they read right after "từ" (since) or "thông qua" (adopted on).
Django's own module writes "Ngày 23 tháng 09 năm 2017"."""

DATE_FORMAT = r"\n\gà\y j \t\há\n\g n \nă\m Y"
DATETIME_FORMAT = r"H:i, \n\gà\y j \t\há\n\g n \nă\m Y"
# Django's module has the separators but no grouping, so 1234567 came out ungrouped.
NUMBER_GROUPING = 3
