"""CO2 accounting for climate partners: factors, activity data, inventories, targets.

Pure Python (no Django): dataclasses in, dataclasses out. Amounts are Decimal
so that an account adds up to the last digit the way it does by hand.
"""
