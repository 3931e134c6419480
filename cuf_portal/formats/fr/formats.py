# French formats with a narrow no-break space as thousands separator: 12 345,67
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H\\hi"
SHORT_DATE_FORMAT = "d/m/Y"
TIME_FORMAT = "H\\hi"
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
DATETIME_INPUT_FORMATS = ["%d/%m/%Y %H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M"]
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\u202f"
NUMBER_GROUPING = 3
FIRST_DAY_OF_WEEK = 1
