"""The harness must behave like authentik's evaluator, or policy tests prove nothing."""

from expression_harness import ExpressionHarness, PolicyRequest, User, nest_dotted


def evaluate(source: str, **context):
    harness = ExpressionHarness()
    harness.set_policy_request(PolicyRequest(user=User(username="bob"), context=context))
    return harness.evaluate(source)


def test_the_body_is_wrapped_in_a_function_so_return_works():
    assert evaluate("return request.user.username == 'bob'").passing


def test_a_falsy_result_fails_and_keeps_ak_message_texts():
    result = evaluate("ak_message('nope')\nreturn False")
    assert (result.passing, result.messages) == (False, ["nope"])


def test_an_exception_fails_the_policy_with_its_text_as_the_message():
    result = evaluate("raise ValueError('broken')")
    assert (result.passing, result.messages) == (False, ["broken"])


def test_context_is_the_request_context_and_authentik_globals_exist():
    result = evaluate("return context['x'] == 1 and regex_match('abc', 'b') and requests is not None", x=1)
    assert result.passing


def test_dotted_prompt_keys_are_nested_like_authentik_does():
    assert nest_dotted({"attributes.avatar": "a", "attributes.avatar_reset": True, "email": "e"}) == {
        "attributes": {"avatar": "a", "avatar_reset": True},
        "email": "e",
    }
