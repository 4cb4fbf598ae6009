"""What the voice says: the next set in words, units in full."""

from liftcalm.core import spoken_cues
from liftcalm.core.models import Exercise, SetType
from liftcalm.core.session_plan import PlannedSet
from liftcalm.core.units import Unit

SQUAT = Exercise(1, "Barbell Back Squat")
DIPS = Exercise(2, "Dips", is_bodyweight=True)


def planned(**changes):
    values = dict(item_index=0, exercise_id=1, set_number=2, set_count=3, set_type=SetType.WORKING, target_reps=5,
                  target_load_kg=100.0, rest_after_s=90)
    return PlannedSet(**{**values, **changes})


def test_the_end_of_a_rest_says_what_comes_next():
    assert spoken_cues.rest_over(planned(), SQUAT, Unit.KG) == (
        "Rest over. Next: Barbell Back Squat, 5 reps at 100 kilograms.")
    assert spoken_cues.rest_over(planned(set_type=SetType.WARMUP, target_load_kg=60.0), SQUAT, Unit.LB) == (
        "Rest over. Next: Barbell Back Squat, warm-up, 5 reps at 132.5 pounds.")
    assert spoken_cues.rest_over(planned(target_reps=8, target_reps_max=12, target_load_kg=102.5), SQUAT,
                                 Unit.KG) == "Rest over. Next: Barbell Back Squat, 8 to 12 reps at 102.5 kilograms."
    assert spoken_cues.rest_over(None, None, Unit.KG) == "Cool-down over. Time for the summary."


def test_body_weight_time_and_distance_are_said_as_a_person_would():
    assert spoken_cues.describe_set(planned(target_reps=1, target_load_kg=10.0), DIPS, Unit.KG) == (
        "Dips, 1 rep at body weight plus 10 kilograms")
    assert spoken_cues.describe_set(planned(target_reps=10, target_load_kg=0.0), DIPS, Unit.KG) == (
        "Dips, 10 reps at body weight")
    assert spoken_cues.describe_set(planned(target_load_kg=20.0), Exercise(5, "Assisted Pull-Up"), Unit.KG) == (
        "Assisted Pull-Up, 5 reps at body weight minus 20 kilograms")
    assert spoken_cues.describe_set(planned(target_duration_s=90, target_load_kg=0.0), SQUAT, Unit.KG) == (
        "Barbell Back Squat, 1 minute 30 seconds")
    assert spoken_cues.describe_set(planned(target_distance_m=400.0, target_load_kg=24.0), SQUAT, Unit.KG) == (
        "Barbell Back Squat, 400 meters at 24 kilograms")
    assert spoken_cues.describe_set(planned(duration_s=240), Exercise(4, "Box Breathing"), Unit.KG) == (
        "Box Breathing, 4 minutes")


def test_time_left_and_the_end_of_a_timed_set():
    assert spoken_cues.time_left(30) == "30 seconds left."
    assert spoken_cues.time_left(60) == "1 minute left."
    assert spoken_cues.duration(1) == "1 second"
    assert spoken_cues.set_over(calm_block=False) == "Time. Set over."
    assert spoken_cues.set_over(calm_block=True) == "Block done."
